{# Select one row per entity (company or genre) per release year with the money and popularity figures of its movies, each with the count it rests on. #}
{% macro yearly_metrics(bridge_model, dimension_model, key_column, name_column) -%}
with

movies as (

    select * from {{ ref('fct_movie') }}

),

movie_entities as (

    select * from {{ ref(bridge_model) }}

),

entities as (

    select * from {{ ref(dimension_model) }}

),

dated_movies_by_entity as (

    select
        movie_entities.{{ key_column }},
        movies.release_year,
        movies.movie_id,
        movies.budget,
        movies.revenue,
        movies.profit,
        movies.popularity
    from movie_entities
    inner join movies
        on movie_entities.movie_id = movies.movie_id
    where movies.release_year is not null

),

figures_summed_by_entity_year as (

    select
        {{ key_column }},
        release_year,
        count(*) as movie_count,
        count(budget) as movies_with_budget,
        sum(budget) as total_budget,
        count(revenue) as movies_with_revenue,
        sum(revenue) as total_revenue,
        count(profit) as movies_with_financials,
        sum(profit) as total_profit,
        count(popularity) as movies_with_popularity,
        avg(popularity) as avg_popularity
    from dated_movies_by_entity
    group by {{ key_column }}, release_year

),

final as (

    select
        figures_summed_by_entity_year.{{ key_column }},
        entities.{{ name_column }},
        figures_summed_by_entity_year.release_year,
        figures_summed_by_entity_year.movie_count,
        figures_summed_by_entity_year.movies_with_budget,
        figures_summed_by_entity_year.total_budget,
        figures_summed_by_entity_year.movies_with_revenue,
        figures_summed_by_entity_year.total_revenue,
        figures_summed_by_entity_year.movies_with_financials,
        figures_summed_by_entity_year.total_profit,
        figures_summed_by_entity_year.movies_with_popularity,
        figures_summed_by_entity_year.avg_popularity
    from figures_summed_by_entity_year
    inner join entities
        on figures_summed_by_entity_year.{{ key_column }} = entities.{{ key_column }}

)

select * from final
{%- endmacro %}
