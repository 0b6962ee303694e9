{#- Per movie: in an hourly run, only the movies the run touched (dbt_project.yml). #}
with

latest_versions as (

    select * from {{ ref('int_movie_versions_latest') }}
    {{ only_touched_movies() }}

),

list_cells as (

    select * from {{ ref('int_movie_list_cells_loaded') }}

),

list_values as (

    select * from {{ ref('int_movie_list_values_parsed') }}

),

latest_cells as (

    -- the latest version of each movie, as int_movie_versions_latest decides it, with
    -- its cells' elements (each text is parsed once, int_movie_list_values_parsed)
    select
        list_cells.source_file,
        list_cells.record_number,
        list_cells.movie_id,
        list_cells.loaded_by_invocation_id,
        list_cells.column_name,
        list_values.elements
    from list_cells
    inner join latest_versions
        on
            list_cells.source_file = latest_versions.source_file
            and list_cells.record_number = latest_versions.record_number
    inner join list_values
        on
            list_cells.column_name = list_values.column_name
            and list_cells.value_hash = list_values.value_hash
    where cardinality(list_values.elements) > 0

),

elements_unnested as (

    select
        source_file,
        record_number,
        movie_id,
        loaded_by_invocation_id,
        column_name,
        {{ elements_with_position('elements', 'cell_element', 'element_position') }}
    from latest_cells

),

final as (

    select
        elements_unnested.source_file,
        elements_unnested.record_number,
        elements_unnested.movie_id,
        elements_unnested.loaded_by_invocation_id,
        elements_unnested.column_name,
        elements_unnested.element_position,
        elements_unnested.cell_element.element_key,
        elements_unnested.cell_element.element_name,
        elements_unnested.cell_element.element_json,
        elements_unnested.cell_element.element_status
    from elements_unnested

)

select * from final
