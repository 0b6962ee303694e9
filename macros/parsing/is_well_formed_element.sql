{# True when a list element (a JSON value) is an object with a string name and a key of the right
    type: an integer within bigint for an id, a string for an ISO code; never NULL. #}
{% macro is_well_formed_element(element, key_name, has_integer_key) -%}
    {%- set implementation = adapter.dispatch('is_well_formed_element', 'movies') -%}
    {{ return(implementation(element, key_name, has_integer_key)) }}
{%- endmacro %}

{% macro duckdb__is_well_formed_element(element, key_name, has_integer_key) -%}
    coalesce(
        case when json_valid({{ element }}) then json_type({{ element }}::json) end = 'OBJECT'
        and json_type({{ element }}, '$.name') = 'VARCHAR'
        and case
            -- an id beyond bigint (a UBIGINT above 2^63 - 1, or a DOUBLE) is malformed
            when {{ has_integer_key }}
                then
                    json_type({{ element }}, '$.' || {{ key_name }}) in ('BIGINT', 'UBIGINT')
                    and try_cast(
                        json_extract_string({{ element }}, '$.' || {{ key_name }}) as bigint
                    ) is not null
            else json_type({{ element }}, '$.' || {{ key_name }}) = 'VARCHAR'
        end,
        false
    )
{%- endmacro %}

{# Spark: the element is a JSON text; its members are read as VARIANTs and their types
   named as DuckDB's json_type names them (variant_json_type). #}
{% macro spark__is_well_formed_element(element, key_name, has_integer_key) -%}
    {%- set element_value = 'try_parse_json(' ~ element ~ ')' -%}
    {%- set members = 'try_cast(' ~ element_value ~ ' as map<string, variant>)' -%}
    {%- set key_value = 'try_element_at(' ~ members ~ ', ' ~ key_name ~ ')' -%}
    coalesce(
        {{ variant_json_type(element_value) }} = 'OBJECT'
        and {{ variant_json_type('try_element_at(' ~ members ~ ", 'name')") }} = 'VARCHAR'
        and case
            when {{ has_integer_key }}
                then
                    {{ variant_json_type(key_value) }} in ('BIGINT', 'UBIGINT')
                    and try_cast(cast({{ key_value }} as string) as bigint) is not null
            else {{ variant_json_type(key_value) }} = 'VARCHAR'
        end,
        false
    )
{%- endmacro %}
