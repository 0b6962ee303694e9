{# Select the named columns of a model: the shape of the thin per-question marts over a wide model. #}
{% macro select_columns_from(model_name, columns) -%}
with

{{ model_name }} as (

    select * from {{ ref(model_name) }}

),

final as (

    select
        {{ columns | join(',\n        ') }}
    from {{ model_name }}

)

select * from final
{%- endmacro %}
