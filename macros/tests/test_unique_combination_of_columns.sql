{# Generic test: no two rows share the same values in the given columns (a composite primary key). In an hourly run it can check only the rows the run wrote (see the arguments in _tests__macros.yml); a full build checks every row. #}
{% test unique_combination_of_columns(
    model,
    combination_of_columns,
    hourly_rows_loaded_by_this_run=false,
    hourly_movies_in=none
) %}
{%- set is_hourly = var('load_mode', 'full') == 'hourly' -%}

with

key_counts as (

    select
        {{ combination_of_columns | join(',\n        ') }},
        count(*) as row_count
    from {{ model }}
    {% if is_hourly and hourly_rows_loaded_by_this_run -%}
        where loaded_by_invocation_id = '{{ invocation_id }}'
    {%- elif is_hourly and hourly_movies_in is not none -%}
        where movie_id in (select movie_id from {{ hourly_movies_in }})
    {%- endif %}
    group by {{ combination_of_columns | join(', ') }}

)

select * from key_counts
where row_count > 1

{% endtest %}
