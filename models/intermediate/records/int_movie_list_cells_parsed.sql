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
            {{ column.name }} as raw_value
        from loaded_records
        where {{ column.name }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

distinct_literals as (

    -- each distinct cell of a column is parsed and checked once (a genre list repeats
    -- across thousands of movies); union removes the repeats. Read from
    -- loaded_records, not literal_cells: a second read of literal_cells would
    -- materialise it
    {% for column in literal_columns -%}
        select
            '{{ column.name }}' as column_name,
            '{{ column.key }}' as element_key_name,
            {{ column.integer_key }} as has_integer_key,
            {{ column.name }} as raw_value
        from loaded_records
        where {{ column.name }} is not null
        {% if not loop.last %}union{% endif %}
    {% endfor %}

),

literals_converted as (

    select
        *,
        {{ python_literal_to_json('raw_value') }} as json_text
    from distinct_literals

),

literals_typed as (

    select
        *,
        {{ literal_type('json_text') }} as literal_type
    from literals_converted

),

literals_listed as (

    select
        *,
        {{ cell_elements('json_text', 'literal_type', 'raw_value') }} as elements
    from literals_typed

),

literals_parsed as (

    select
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
    from literals_listed

),

literals_checked as (

    select
        *,
        {{ list_element_checks('elements', 'element_key_name', 'has_integer_key') }}
            as element_checks
    from literals_parsed

),

literals_flagged as (

    select
        literals_checked.column_name,
        literals_checked.raw_value,
        literals_checked.cell_status,
        {{ list_element_statuses(
            'literals_checked.element_checks',
            "literals_checked.column_name = 'belongs_to_collection'",
        ) }} as elements
    from literals_checked

),

final as (

    select
        literal_cells.source_file,
        literal_cells.record_number,
        literal_cells.movie_id,
        literal_cells.loaded_by_invocation_id,
        literal_cells.column_name,
        -- kept only for a cell the audit quotes (movie_field_issues): a parsed or empty
        -- cell is its elements, and its text would be written again for every record
        case
            when literals_flagged.cell_status not in ('parsed', 'empty')
                then literal_cells.raw_value
        end as raw_value,
        literals_flagged.elements,
        literals_flagged.cell_status
    from literal_cells
    inner join literals_flagged
        on
            literal_cells.column_name = literals_flagged.column_name
            and literal_cells.raw_value = literals_flagged.raw_value

)

select * from final
