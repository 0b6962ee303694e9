{# Spark helper: one member of a JSON object text as a VARIANT; NULL when the text is not an object or has no such member. #}
{% macro json_member_variant(json_text, member_name) -%}
    try_element_at(
        try_cast(try_parse_json({{ json_text }}) as map<string, variant>),
        {{ member_name }}
    )
{%- endmacro %}
