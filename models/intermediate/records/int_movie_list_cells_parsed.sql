{#- Parsed once, when a record is loaded: incremental like int_movie_records_loaded (the
    records/ folder's config, dbt_project.yml). -#}
{#- The literal columns, with the key that identifies an element of each and whether
    that key must be an integer (ids) or a string (ISO codes). -#}
{%- set literal_columns = [
    {'name': 'genres', 'key': 'id', 'integer_key': true},
    {'name': 'production_companies', 'key': 'id', 'integer_key': true},
    {'name': 'production_countries', 'key': 'iso_3166_1', 'integer_key': false},
    {'name': 'spoken_languages', 'key': 'iso_639_1', 'integer_key': false},
    {'name': 'belongs_to_collection', 'key': 'id', 'integer_key': true},
] -%}

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

literal_cells as (

    {% for column in literal_columns -%}
        select
            source_file,
            record_number,
            movie_id,
            loaded_by_invocation_id,
            '{{ column.name }}' as column_name,
            '{{ column.key }}' as element_key_name,
            {{ column.integer_key }} as has_integer_key,
            {{ column.name }} as raw_value
        from loaded_records
        where {{ column.name }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

cells_converted as (

    select
        *,
        {{ python_literal_to_json('raw_value') }} as json_text
    from literal_cells

),

cells_typed as (

    select
        *,
        {{ literal_type('json_text') }} as literal_type
    from cells_converted

),

elements_listed as (

    select
        *,
        {{ cell_elements('json_text', 'literal_type', 'raw_value') }} as elements
    from cells_typed

),

final as (

    select
        source_file,
        record_number,
        movie_id,
        loaded_by_invocation_id,
        column_name,
        element_key_name,
        has_integer_key,
        raw_value,
        elements,
        case
            when literal_type in ('ARRAY', 'OBJECT') then 'parsed'
            when literal_type = 'NULL' then 'empty'
            when literal_type is not null then 'not_a_list'
            -- cardinality: a list's length on both engines
            when cardinality(elements) > 0 then 'repaired'
            else 'unparseable'
        end as cell_status
    from elements_listed

)

select * from final
