{#- One row per distinct text of a list column, parsed and checked once, named by its
    hash. An hourly run on DuckDB appends only the texts no earlier run has seen
    (dbt_project.yml); a full build rebuilds it from every accepted record. A text is
    never deleted: a record reloaded or superseded leaves its old text unreferenced,
    and nothing reads a text but through int_movie_list_cells_loaded. -#}
{%- set literal_columns = list_literal_columns() -%}

with

loaded_records as (

    -- only the list cells: a CTE read five times is materialised whole
    select
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

distinct_literals as (

    -- each distinct text of a column once (a genre list recurs across thousands of
    -- movies); union removes the repeats
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

literals_hashed as (

    select
        *,
        {{ list_value_hash('raw_value') }} as value_hash
    from distinct_literals

),

new_literals as (

    select * from literals_hashed
    {%- if is_incremental() %}
        -- a text an earlier run parsed is there already
        where not exists (
            select 1
            from {{ this }} as known_values
            where
                known_values.column_name = literals_hashed.column_name
                and known_values.value_hash = literals_hashed.value_hash
        )
    {%- endif %}

),

literals_converted as (

    select
        *,
        {{ python_literal_to_json('raw_value') }} as json_text
    from new_literals

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
        value_hash,
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

final as (

    select
        literals_checked.column_name,
        literals_checked.value_hash,
        -- kept only for a text the audit quotes (movie_field_issues): a parsed or empty
        -- cell is its elements
        case
            when literals_checked.cell_status not in ('parsed', 'empty')
                then literals_checked.raw_value
        end as raw_value,
        literals_checked.cell_status,
        {{ list_element_statuses(
            'literals_checked.element_checks',
            "literals_checked.column_name = 'belongs_to_collection'",
        ) }} as elements
    from literals_checked

)

select * from final
