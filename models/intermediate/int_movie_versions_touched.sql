{#- The one definition of the movies a run touched: the batch of the per-movie models
    (int_movie_list_elements_latest, fct_movie, the bridges, movie_field_issues and
    movie_money_issues), which an hourly run updates for these movies only
    (dbt_project.yml). A table, built before them: it compares the latest versions with
    what fct_movie holds before this run changes it. -#}
{%- set is_hourly = var('load_mode', 'full') == 'hourly' -%}
{%- set held_movies = existing_model_relation('fct_movie') if is_hourly else none -%}

with

loaded_records as (

    -- the accepted records this run loaded: new movies, new versions, late older versions
    -- (their movie's version count changes) and reloaded records (maybe changed content)
    select movie_id
    from {{ ref('int_movie_records_loaded') }}
    where is_accepted and loaded_by_invocation_id = '{{ invocation_id }}'

),

latest_versions as (

    select
        movie_id,
        source_file,
        record_number,
        version_count
    from {{ ref('int_movie_versions_ranked') }}
    where version_rank = 1

),

{% if is_hourly %}

    held_versions as (

        -- what the warehouse holds before this run (none before the first build)
        {%- if held_movies is not none %}
            select
                movie_id,
                source_file,
                record_number,
                version_count
            from {{ held_movies }}
        {%- else %}
            select
                movie_id,
                source_file,
                record_number,
                version_count
            from latest_versions
            where false
        {%- endif %}

    ),

    versions_changed as (

        -- a new winner (a reload rejected or renumbered the old one), a version more or
        -- less, or no accepted version left
        select coalesce(latest_versions.movie_id, held_versions.movie_id) as movie_id
        from latest_versions
        full outer join held_versions
            on latest_versions.movie_id = held_versions.movie_id
        where
            latest_versions.source_file is distinct from held_versions.source_file
            or latest_versions.record_number is distinct from held_versions.record_number
            or latest_versions.version_count is distinct from held_versions.version_count

    ),

{% endif %}

touched_movies as (

    select movie_id from loaded_records
    {%- if is_hourly %}
        union
        select movie_id from versions_changed
    {%- endif %}

),

final as (

    select distinct
        touched_movies.movie_id,
        latest_versions.movie_id is not null as has_accepted_version
    from touched_movies
    left join latest_versions
        on touched_movies.movie_id = latest_versions.movie_id

)

select * from final
