{# A text as a timestamp (without time zone) read with a strftime format such as '%Y-%m-%dT%H'; NULL when it does not fit. #}
{% macro try_strptime(text, strftime_format) -%}
    {{ return(adapter.dispatch('try_strptime', 'movies')(text, strftime_format)) }}
{%- endmacro %}

{% macro duckdb__try_strptime(text, strftime_format) -%}
    try_strptime({{ text }}, '{{ strftime_format }}')
{%- endmacro %}

{# Spark reads Java datetime patterns: translate the strftime codes the project uses and
   quote every other character (with chr(39): no quote fits in a string literal when
   spark.sql.parser.escapedStringLiterals is on). Parsed in the session time zone, then
   read back as the same wall-clock time without a zone, like DuckDB's timestamp. #}
{% macro spark__try_strptime(text, strftime_format) -%}
    {%- set codes = {'Y': 'yyyy', 'm': 'MM', 'd': 'dd', 'H': 'HH', 'M': 'mm', 'S': 'ss'} -%}
    {%- set pattern = namespace(text='') -%}
    {%- set pieces = modules.re.findall('%.|[^%]+', strftime_format) -%}
    {%- for piece in pieces -%}
        {%- if piece.startswith('%') -%}
            {%- if piece[1] not in codes -%}
                {{ exceptions.raise_compiler_error("try_strptime on Spark: unsupported strftime code " ~ piece ~ "; add it to spark__try_strptime") }}
            {%- endif -%}
            {%- set pattern.text = pattern.text ~ codes[piece[1]] -%}
        {%- else -%}
            {%- set pattern.text = pattern.text ~ "', chr(39), '" ~ piece ~ "', chr(39), '" -%}
        {%- endif -%}
    {%- endfor -%}
    cast(try_to_timestamp({{ text }}, concat('{{ pattern.text }}')) as timestamp_ntz)
{%- endmacro %}
