with

movie_versions as (

    select * from {{ ref('int_movie_versions_ranked') }}

),

list_cells as (

    select * from {{ ref('int_movie_list_cells_parsed') }}

),

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}

),

latest_versions as (

    select * from {{ ref('int_movie_versions_latest') }}

),

latest_cells as (

    select list_cells.*
    from list_cells
    inner join movie_versions
        on
            list_cells.source_file = movie_versions.source_file
            and list_cells.record_number = movie_versions.record_number
    where movie_versions.version_rank = 1

),

cell_issues as (

    select
        movie_id,
        source_file,
        record_number,
        column_name,
        0 as element_position,
        raw_value,
        case cell_status
            when 'repaired' then 'repaired_cell'
            when 'unparseable' then 'unparseable_cell'
            else 'not_a_list'
        end as issue_code,
        case cell_status
            when 'repaired'
                then
                    'the cell is not a valid literal; kept the '
                    || {{ list_length('elements') }} || ' element(s) found inside it'
            when 'unparseable'
                then 'the cell is not a valid literal and holds no element; dropped'
            else 'the cell is a valid literal but not a list or dict; dropped'
        end as issue
    from latest_cells
    where cell_status not in ('parsed', 'empty')

),

element_issues as (

    select
        movie_id,
        source_file,
        record_number,
        column_name,
        element_position,
        element_json as raw_value,
        case element_status
            when 'malformed' then 'malformed_element'
            else 'repeated_element'
        end as issue_code,
        case element_status
            when 'malformed'
                then 'the element has no well-typed key and name; dropped'
            else 'the element repeats key ' || element_key || ' already listed; dropped'
        end as issue
    from list_elements
    where element_status <> 'kept'

),

value_issues as (

    {% for column in ['budget', 'revenue', 'popularity', 'runtime'] -%}
        select
            movie_id,
            source_file,
            record_number,
            '{{ column }}' as column_name,
            0 as element_position,
            raw_{{ column }} as raw_value,
            'invalid_number' as issue_code,
            {% if column in ['budget', 'revenue'] -%}
                'not a number above 0; treated as unknown'
            {%- else -%}
                'not a finite number >= 0; treated as unknown'
            {%- endif %} as issue
        from latest_versions
        where
            {{ column if column != 'runtime' else 'runtime_minutes' }} is null
            and trim(raw_{{ column }}) <> ''
            {% if column in ['budget', 'revenue'] -%}
                and coalesce(try_cast(trim(raw_{{ column }}) as double) <> 0, true)
            {%- endif %}
        union all
    {% endfor -%}
    select
        movie_id,
        source_file,
        record_number,
        'release_date' as column_name,
        0 as element_position,
        raw_release_date as raw_value,
        'invalid_date' as issue_code,
        'not a valid yyyy-mm-dd date; release year unknown' as issue
    from latest_versions
    where release_date is null and trim(raw_release_date) <> ''

),

final as (

    select * from cell_issues
    union all
    select * from element_issues
    union all
    select * from value_issues

)

select * from final
