{#- Incremental like int_movie_records_loaded (the records/ folder's config,
    dbt_project.yml). -#}
with

list_cells as (

    select
        source_file,
        record_number,
        movie_id,
        column_name,
        raw_value
    from {{ ref('int_movie_list_cells_parsed') }}
    where cardinality(elements) > 0
    {%- if is_incremental() %}
        and loaded_by_invocation_id = '{{ invocation_id }}'
    {%- endif %}

),

{# A cell's elements, their checks and repeats depend on its column and text alone, so
   each distinct cell is unnested and checked once, then joined back to every record
   that holds it. The table is read twice, not list_cells: a CTE read twice would be
   materialised. #}
distinct_cells as (

    select
        column_name,
        element_key_name,
        has_integer_key,
        raw_value,
        any_value(elements) as elements
    from {{ ref('int_movie_list_cells_parsed') }}
    where cardinality(elements) > 0
    {%- if is_incremental() %}
        and loaded_by_invocation_id = '{{ invocation_id }}'
    {%- endif %}
    group by column_name, element_key_name, has_integer_key, raw_value

),

elements_unnested as (

    select
        column_name,
        element_key_name,
        has_integer_key,
        raw_value,
        {{ elements_with_position('elements', 'element', 'element_position') }}
    from distinct_cells

),

elements_checked as (

    select
        *,
        {{ element_member_text('element', 'element_key_name') }} as element_key,
        {{ element_member_text('element', "'name'") }} as element_name,
        {{ is_well_formed_element('element', 'element_key_name', 'has_integer_key') }}
            as is_well_formed
    from elements_unnested

),

repeats_flagged as (

    select
        *,
        is_well_formed
        and row_number() over (
            partition by
                column_name,
                raw_value,
                is_well_formed,
                -- a movie belongs to one collection: any after the first is a repeat
                case when column_name <> 'belongs_to_collection' then element_key end
            order by element_position
        ) > 1 as is_repeated_key
    from elements_checked

),

cell_elements as (

    select
        column_name,
        raw_value,
        element_position,
        element_key,
        element_name,
        cast(element as {{ dbt.type_string() }}) as element_json,
        case
            when not is_well_formed then 'malformed'
            when is_repeated_key then 'repeated'
            else 'kept'
        end as element_status
    from repeats_flagged

),

final as (

    select
        list_cells.source_file,
        list_cells.record_number,
        list_cells.movie_id,
        list_cells.column_name,
        cell_elements.element_position,
        cell_elements.element_key,
        cell_elements.element_name,
        cell_elements.element_json,
        cell_elements.element_status
    from list_cells
    inner join cell_elements
        on
            list_cells.column_name = cell_elements.column_name
            and list_cells.raw_value = cell_elements.raw_value

)

select * from final
