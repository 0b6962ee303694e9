{# True when a raw date text, trimmed, has the shape yyyy-mm-dd (digits and dashes; whether it is a
    real date is the cast's business); NULL when the text is NULL. #}
{% macro has_iso_date_shape(raw_text) -%}
    {{ return(adapter.dispatch('has_iso_date_shape', 'movies')(raw_text)) }}
{%- endmacro %}

{% macro duckdb__has_iso_date_shape(raw_text) -%}
    regexp_full_match(trim({{ raw_text }}), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
{%- endmacro %}

{# Spark: rlike finds a match anywhere, so the shape is anchored with \A and \z (Java's $
   would also match before a final line break). #}
{% macro spark__has_iso_date_shape(raw_text) -%}
    (trim({{ raw_text }}) rlike '\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z')
{%- endmacro %}
