{# The fields a record actually has, in order, as a list of texts: the given raw columns that are
    not NULL (the reader pads missing fields with NULL). #}
{% macro present_fields(columns) -%}
    {{ return(adapter.dispatch('present_fields', 'movies')(columns)) }}
{%- endmacro %}

{% macro duckdb__present_fields(columns) -%}
    list_filter([{{ columns | join(', ') }}], lambda field: field is not null)
{%- endmacro %}

{% macro spark__present_fields(columns) -%}
    filter(array({{ columns | join(', ') }}), field -> field is not null)
{%- endmacro %}
