{# A raw numeric text as double when it is a finite number >= 0; NULL otherwise (empty, negative, text, nan, inf). #}
{% macro non_negative_number(raw_text) -%}
    case
        when
            {{ is_finite('try_cast(trim(' ~ raw_text ~ ') as double)') }}
            and try_cast(trim({{ raw_text }}) as double) >= 0
            then try_cast(trim({{ raw_text }}) as double)
    end
{%- endmacro %}
