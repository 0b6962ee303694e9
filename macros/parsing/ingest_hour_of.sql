{# The hour an hourly drop was ingested, from its file name's ingest_hour=yyyy-mm-ddThh folder, as
    a timestamp without time zone; NULL when the name has no such folder or it is no real hour. #}
{% macro ingest_hour_of(file_name) -%}
    {{ return(adapter.dispatch('ingest_hour_of', 'movies')(file_name)) }}
{%- endmacro %}

{% macro duckdb__ingest_hour_of(file_name) -%}
    try_strptime(
        regexp_extract(
            {{ file_name }}, 'ingest_hour=([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2})', 1
        ),
        '%Y-%m-%dT%H'
    )
{%- endmacro %}

{# Spark: a Java datetime pattern, the T quoted with chr(39) (no quote fits in a string
   literal when spark.sql.parser.escapedStringLiterals is on); parsed in the session time
   zone, then read back as the same wall-clock time without a zone, like DuckDB's
   timestamp. #}
{% macro spark__ingest_hour_of(file_name) -%}
    cast(
        try_to_timestamp(
            regexp_extract(
                {{ file_name }}, 'ingest_hour=([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2})', 1
            ),
            concat('yyyy-MM-dd', chr(39), 'T', chr(39), 'HH')
        ) as timestamp_ntz
    )
{%- endmacro %}
