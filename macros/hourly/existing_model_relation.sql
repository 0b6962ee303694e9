{# The table a model of this project holds now, found without ref() (a ref would make a cycle);
    none while parsing or before its first build. #}
{% macro existing_model_relation(model_name) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set node = graph.nodes['model.' ~ project_name ~ '.' ~ model_name] -%}
    {{ return(adapter.get_relation(
        database=node.database, schema=node.schema, identifier=node.alias
    )) }}
{%- endmacro %}
