{#- Per movie: in an hourly run, only the movies the run touched (dbt_project.yml). #}
with

list_cells as (

    select * from {{ ref('int_movie_list_cells_loaded') }}
    {{ only_touched_movies() }}

),

list_values as (

    select * from {{ ref('int_movie_list_values_parsed') }}
    where cell_status not in ('parsed', 'empty')  -- the texts an issue quotes

),

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}
    {{ only_touched_movies() }}

),

latest_versions as (

    -- only what the checks read: a CTE read several times is materialised with every column
    select
        movie_id,
        source_file,
        record_number,
        budget,
        revenue,
        popularity,
        runtime_minutes,
        vote_average,
        vote_count,
        release_date,
        status,
        is_adult,
        is_video,
        raw_status,
        raw_adult,
        raw_video,
        raw_budget,
        raw_revenue,
        raw_popularity,
        raw_runtime,
        raw_vote_average,
        raw_vote_count,
        raw_release_date,
        -- decided on the text: the engines differ on dates such as 0000-01-01
        {{ has_iso_date_shape('raw_release_date') }}
        and try_cast(left(trim(raw_release_date), 4) as integer)
        not between 1874 and 2100 as is_year_out_of_range
    from {{ ref('int_movie_versions_latest') }}
    {{ only_touched_movies() }}

),

cell_issues as (

    select
        list_cells.movie_id,
        list_cells.source_file,
        list_cells.record_number,
        list_cells.column_name,
        0 as element_position,
        list_values.raw_value,
        case list_values.cell_status
            when 'repaired' then 'repaired_cell'
            when 'unparseable' then 'unparseable_cell'
            else 'not_a_list'
        end as issue_code,
        case list_values.cell_status
            when 'repaired'
                then
                    'the cell is not a valid literal; kept the '
                    || cardinality(list_values.elements) || ' element(s) found inside it'
            when 'unparseable'
                then 'the cell is not a valid literal and holds no element; dropped'
            else 'the cell is a valid literal but not a list or dict; dropped'
        end as issue
    from list_cells
    inner join latest_versions  -- the latest version, as int_movie_versions_latest decides it
        on
            list_cells.source_file = latest_versions.source_file
            and list_cells.record_number = latest_versions.record_number
    inner join list_values
        on
            list_cells.column_name = list_values.column_name
            and list_cells.value_hash = list_values.value_hash

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
        case
            when element_status = 'malformed'
                then 'the element has no well-typed key and name; dropped'
            when column_name = 'belongs_to_collection'
                then 'a movie belongs to one collection: kept the first listed; dropped'
            else 'the element repeats key ' || element_key || ' already listed; dropped'
        end as issue
    from list_elements
    where element_status <> 'kept'

),

value_issues as (

    {#- Each typed number and closed list: its typed column, the rule it failed in words,
        its code (unknown_category for a closed list), and the upper bound above which a
        readable number is out of range rather than invalid. -#}
    {%- set checked_columns = [
        {'name': 'budget', 'typed': 'budget', 'rule': 'a number from 0.01 to 10^18',
         'at_most': '1e18'},
        {'name': 'revenue', 'typed': 'revenue', 'rule': 'a number from 0.01 to 10^18',
         'at_most': '1e18'},
        {'name': 'popularity', 'typed': 'popularity', 'rule': 'a finite number from 0 to 10^6',
         'at_most': '1e6'},
        {'name': 'runtime', 'typed': 'runtime_minutes', 'rule': 'a finite number >= 0'},
        {'name': 'vote_average', 'typed': 'vote_average', 'rule': 'a finite number'},
        {'name': 'vote_count', 'typed': 'vote_count', 'rule': 'a whole number within 32 bits'},
        {'name': 'status', 'typed': 'status', 'code': 'unknown_category',
         'rule': 'one of ' ~ var('movie_statuses') | join(', ')},
        {'name': 'adult', 'typed': 'is_adult', 'rule': 'True or False', 'code': 'unknown_category'},
        {'name': 'video', 'typed': 'is_video', 'rule': 'True or False', 'code': 'unknown_category'},
    ] %}
    {% for column in checked_columns -%}
        select
            movie_id,
            source_file,
            record_number,
            '{{ column.name }}' as column_name,
            0 as element_position,
            raw_{{ column.name }} as raw_value,
            {% if column.at_most -%}
                case
                    when
                        {{ finite_double('raw_' ~ column.name) }} > {{ column.at_most }}
                        then 'out_of_range'
                    else 'invalid_number'
                end
            {%- else -%}
                '{{ column.code or "invalid_number" }}'
            {%- endif %} as issue_code,
            'not {{ column.rule }}; treated as unknown' as issue
        from latest_versions
        where
            {{ column.typed }} is null
            and trim(raw_{{ column.name }}) <> ''
            {% if column.name in ['budget', 'revenue'] -%}
                and coalesce(try_cast(trim(raw_{{ column.name }}) as double) <> 0, true)
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
        case
            when is_year_out_of_range then 'out_of_range'
            else 'invalid_date'
        end as issue_code,
        case
            when is_year_out_of_range
                then 'a year outside 1874 to 2100; release year unknown'
            else 'not a valid yyyy-mm-dd date; release year unknown'
        end as issue
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
