{#- One row per non-empty list cell of each accepted record, loaded with the record
    (incremental like int_movie_records_loaded: the records/ folder's config,
    dbt_project.yml). The cell's text is not written again here: its hash points at
    the one row of int_movie_list_values_parsed that holds the text parsed and checked. -#}
{%- set literal_columns = list_literal_columns() -%}

with

loaded_records as (

    -- only the keys and the list cells: a CTE read five times is materialised whole
    select
        source_file,
        record_number,
        movie_id,
        loaded_by_invocation_id,
        genres,
        production_companies,
        production_countries,
        spoken_languages,
        belongs_to_collection
    from {{ ref('int_movie_records_loaded') }}
    where is_accepted
    {%- if is_incremental() %}
        and loaded_by_invocation_id = '{{ invocation_id }}'
    {%- endif %}

),

cells_hashed as (

    {% for column in literal_columns -%}
        select
            source_file,
            record_number,
            movie_id,
            loaded_by_invocation_id,
            '{{ column.name }}' as column_name,
            {{ list_value_hash(column.name) }} as value_hash
        from loaded_records
        where {{ column.name }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from cells_hashed
