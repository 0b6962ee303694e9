{# Spark: dbt's escape_single_quotes (used for unit-test fixture strings) as a concatenation with
    chr(39) and chr(92), so the value reads back the same whatever
    spark.sql.parser.escapedStringLiterals is. #}
{% macro spark__escape_single_quotes(expression) -%}
    {{- expression | replace("'", "' || chr(39) || '") | replace("\\", "' || chr(92) || '") -}}
{%- endmacro %}
