{# Generic test: every row's values in the given columns are a row of another model (a composite
    foreign key). In an hourly run it can check only the rows the run loaded (see the arguments in
    _tests__macros.yml); a full build checks every row. #}
{% test relationships_of_columns(
    model,
    to,
    columns,
    hourly_rows_loaded_by_this_run=false
) %}
with

child_rows as (

    select {{ columns | join(', ') }}
    from {{ model }}
    {{ hourly_tested_rows(hourly_rows_loaded_by_this_run) }}

),

parent_rows as (

    select {{ columns | join(', ') }}
    from {{ to }}

)

select child_rows.*
from child_rows
where not exists (
    select 1
    from parent_rows
    where
        {% for column in columns -%}
            parent_rows.{{ column }} = child_rows.{{ column }}
            {%- if not loop.last %} and {% endif %}
        {% endfor %}
)

{% endtest %}
