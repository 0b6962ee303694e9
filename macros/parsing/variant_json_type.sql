{# Spark helper: the type of a VARIANT value under the name DuckDB's json_type gives it (OBJECT,
    ARRAY, VARCHAR, BIGINT, DOUBLE, BOOLEAN, NULL); NULL for a SQL NULL. #}
{% macro variant_json_type(variant) -%}
    {%- set type_family = "regexp_extract(schema_of_variant(" ~ variant ~ "), '^[A-Z]+', 0)" -%}
    case {{ type_family }}
        when 'VOID' then 'NULL'
        when 'STRING' then 'VARCHAR'
        when 'DECIMAL' then 'DOUBLE'
        when 'FLOAT' then 'DOUBLE'
        else {{ type_family }}
    end
{%- endmacro %}
