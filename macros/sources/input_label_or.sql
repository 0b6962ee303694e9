{# The input the command read (the var movies_input_label_hex: its URI or absolute path, UTF-8 in hex) as a SQL string expression, or the fallback expression when there is none, as in a plain dbt build. #}
{% macro input_label_or(fallback) -%}
    {%- set label_hex = var('movies_input_label_hex', none) -%}
    {%- if label_hex -%}
        {{ return(decoded_hex_text(label_hex)) }}
    {%- else -%}
        {{ return(fallback) }}
    {%- endif -%}
{%- endmacro %}
