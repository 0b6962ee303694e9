{# The input the command read (the var movies_input_label: its URI or absolute path) as a SQL string literal, or the fallback expression when there is none, as in a plain dbt build. #}
{% macro input_label_or(fallback) -%}
    {%- set label = var('movies_input_label', none) -%}
    {%- if label -%}
        '{{ label | replace("'", "''") }}'
    {%- else -%}
        {{ fallback }}
    {%- endif -%}
{%- endmacro %}
