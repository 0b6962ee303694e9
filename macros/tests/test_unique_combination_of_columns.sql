{# Generic test: no two rows share the same values in the given columns (a composite primary key).
    In an hourly run it can check only the rows the run wrote (see the arguments in
    _tests__macros.yml); a full build checks every row. #}
{% test unique_combination_of_columns(
    model,
    combination_of_columns,
    hourly_rows_loaded_by_this_run=false,
    hourly_movies_in=none
) %}
with

key_counts as (

    select
        {{ combination_of_columns | join(',\n        ') }},
        count(*) as row_count
    from {{ model }}
    {{ hourly_tested_rows(hourly_rows_loaded_by_this_run, hourly_movies_in) }}
    group by {{ combination_of_columns | join(', ') }}

)

select * from key_counts
where row_count > 1

{% endtest %}
