{# A raw numeric text as double when it is a finite number >= 0 (and at most at_most, when given); NULL otherwise (empty, negative, text, nan, inf, too large). #}
{% macro non_negative_number(raw_text, at_most=none) -%}
    case
        when
            {{ is_finite('try_cast(trim(' ~ raw_text ~ ') as double)') }}
            and try_cast(trim({{ raw_text }}) as double) >= 0
            {%- if at_most is not none %}
            and try_cast(trim({{ raw_text }}) as double) <= {{ at_most }}
            {%- endif %}
            then try_cast(trim({{ raw_text }}) as double)
    end
{%- endmacro %}
