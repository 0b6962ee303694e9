{# The input the command read (the environment variable MOVIES_INPUT_LABEL_HEX, else the var
    movies_input_label_hex: its URI or absolute path, UTF-8 in hex) as a SQL string expression, or
    the fallback expression when there is none, as in a plain dbt build. #}
{% macro input_label_or(fallback) -%}
    {#- an environment variable, not --vars, for the reason movies_metadata_paths gives -#}
    {%- set label_hex = env_var('MOVIES_INPUT_LABEL_HEX', '')
        or var('movies_input_label_hex', none) -%}
    {%- if label_hex -%}
        {{ return(decoded_hex_text(label_hex)) }}
    {%- else -%}
        {{ return(fallback) }}
    {%- endif -%}
{%- endmacro %}
