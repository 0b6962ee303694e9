{# A raw money text as decimal(38, 2) when it is a finite number above 0; NULL (unknown) otherwise: 0, empty, negative, text, nan, inf. #}
{% macro known_amount(raw_text) -%}
    case
        when {{ is_finite('try_cast(trim(' ~ raw_text ~ ') as double)') }}
            and try_cast(trim({{ raw_text }}) as double) > 0
            then try_cast(trim({{ raw_text }}) as double)::decimal(38, 2)
    end
{%- endmacro %}
