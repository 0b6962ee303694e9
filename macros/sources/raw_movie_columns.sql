{# The columns the source reads, in order: the file's columns (the var movies_raw_columns) and the
    room for an over-wide record's fields, up to the 40th. #}
{% macro raw_movie_columns() -%}
    {%- set columns = var('movies_raw_columns') | list -%}
    {%- for field_number in range(columns | length + 1, 41) -%}
        {%- do columns.append('extra_field_' ~ field_number) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
