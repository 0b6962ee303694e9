{# True when a double is a finite number (not NaN, not +/- infinity); NULL when it is NULL. #}
{% macro is_finite(number) -%}
    {{ return(adapter.dispatch('is_finite', 'movies')(number)) }}
{%- endmacro %}

{% macro duckdb__is_finite(number) -%}
    isfinite({{ number }})
{%- endmacro %}

{# Spark has no isfinite: NaN sorts above every number (infinity included), so NaN and
   +/- infinity are exactly the values whose absolute value is not below infinity. #}
{% macro spark__is_finite(number) -%}
    (abs({{ number }}) < double('infinity'))
{%- endmacro %}
