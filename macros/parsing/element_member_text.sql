{# One member of a list element (a JSON value) as text: a string unquoted, any other value as JSON;
    NULL when the member is absent or JSON null, or the element is not an object. #}
{% macro element_member_text(element, member_name) -%}
    {{ return(adapter.dispatch('element_member_text', 'movies')(element, member_name)) }}
{%- endmacro %}

{% macro duckdb__element_member_text(element, member_name) -%}
    json_extract_string({{ element }}, '$.' || {{ member_name }})
{%- endmacro %}

{# Spark: the element (a JSON text) read as a map of VARIANTs; a VARIANT cast to string
   gives a string unquoted and any other value as JSON. #}
{% macro spark__element_member_text(element, member_name) -%}
    cast(
        try_element_at(
            try_cast(try_parse_json({{ element }}) as map<string, variant>),
            {{ member_name }}
        ) as string
    )
{%- endmacro %}
