{# A raw numeric text as double when it is a finite number >= 0 (and at most at_most, when given);
    NULL otherwise (empty, negative, text, nan, inf, too large). #}
{% macro non_negative_number(raw_text, at_most=none) -%}
    case
        when
            {{ finite_double(raw_text) }} >= 0
            {%- if at_most is not none %}
            and {{ finite_double(raw_text) }} <= {{ at_most }}
            {%- endif %}
            then {{ finite_double(raw_text) }}
    end
{%- endmacro %}
