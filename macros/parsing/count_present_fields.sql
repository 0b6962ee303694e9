{# How many of the given raw columns the record actually has: the reader pads missing fields with
    NULL. #}
{% macro count_present_fields(columns) -%}
    (
        {%- for column in columns %}
        {{ "+ " if not loop.first }}({{ column }} is not null)::integer
        {%- endfor %}
    )
{%- endmacro %}
