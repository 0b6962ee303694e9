{#- Incremental like int_movie_records_loaded (the records/ folder's config,
    dbt_project.yml). -#}
with

list_cells as (

    select * from {{ ref('int_movie_list_cells_parsed') }}
    {% if is_incremental() -%}
        where loaded_by_invocation_id = '{{ invocation_id }}'
    {%- endif %}

),

elements_unnested as (

    select
        source_file,
        record_number,
        movie_id,
        loaded_by_invocation_id,
        column_name,
        element_key_name,
        has_integer_key,
        {{ elements_with_position('elements', 'element', 'element_position') }}
    from list_cells
    where cardinality(elements) > 0

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
                source_file,
                record_number,
                column_name,
                is_well_formed,
                -- a movie belongs to one collection: any after the first is a repeat
                case when column_name <> 'belongs_to_collection' then element_key end
            order by element_position
        ) > 1 as is_repeated_key
    from elements_checked

),

final as (

    select
        source_file,
        record_number,
        movie_id,
        loaded_by_invocation_id,
        column_name,
        element_position,
        element_key,
        element_name,
        -- kept only for an element set aside (the audit quotes it): a kept one is its
        -- key and name, and its text would be written twice more at 100x (2 x 4 s)
        case
            when not is_well_formed or is_repeated_key
                then cast(element as {{ dbt.type_string() }})
        end as element_json,
        case
            when not is_well_formed then 'malformed'
            when is_repeated_key then 'repeated'
            else 'kept'
        end as element_status
    from repeats_flagged

)

select * from final
