{# A raw numeric text, trimmed, as a double when it is a finite number; NULL otherwise (empty,
    text, nan, inf, beyond a double's range). #}
{% macro finite_double(raw_text) -%}
    {{ return(adapter.dispatch('finite_double', 'movies')(raw_text)) }}
{%- endmacro %}

{% macro duckdb__finite_double(raw_text) -%}
    case
        when isfinite(try_cast(trim({{ raw_text }}) as double))
            then try_cast(trim({{ raw_text }}) as double)
    end
{%- endmacro %}

{# Spark has no isfinite: NaN sorts above every number (infinity included), so NaN and
   +/- infinity are exactly the doubles whose absolute value is not below infinity. #}
{% macro spark__finite_double(raw_text) -%}
    case
        when abs(try_cast(trim({{ raw_text }}) as double)) < double('infinity')
            then try_cast(trim({{ raw_text }}) as double)
    end
{%- endmacro %}
