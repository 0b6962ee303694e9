{#- The macros of the `touched_groups` hourly scope (dbt_project.yml, docs/scaling.md): a yearly
    model keeps its groups by delta. An hourly run adds what each touched movie is now (sign 1),
    takes out what it was before this run (sign -1, from the *_replaced models) and sums that
    with the held rows of the groups it falls in; a group left with no movie is deleted. Every
    figure is a count or an exact sum (cents; popularity to 9 decimals), so the delta and a
    full rebuild agree to the last digit. -#}

{#- One movie's share of its group's figures: its own budget, revenue, profit and popularity,
    and a 1 (or -1) in each count it falls in. -#}
{% macro yearly_figures_of_a_movie(sign) -%}
    {%- set minus = '-' if sign == -1 else '' -%}
    {{ sign }} as movie_count,
    case when budget is not null then {{ sign }} else 0 end as movies_with_budget,
    {{ minus }}budget as total_budget,
    case when revenue is not null then {{ sign }} else 0 end as movies_with_revenue,
    {{ minus }}revenue as total_revenue,
    case when profit is not null then {{ sign }} else 0 end as movies_with_financials,
    {{ minus }}profit as total_profit,
    case when popularity is not null then {{ sign }} else 0 end as movies_with_popularity,
    {{ minus }}{{ exact_popularity('popularity') }} as total_popularity
{%- endmacro %}

{#- Popularity (a double) as the exact decimal it is summed in: a sum of decimals does not
    depend on the order it is taken in, so a group kept by delta equals its rebuild. The raw
    scores have at most 6 decimals; 9 keep them exactly. -#}
{% macro exact_popularity(column) -%}
    cast({{ column }} as decimal(38, 9))
{%- endmacro %}

{#- The held columns of a yearly group, to sum with the changes. -#}
{% macro held_yearly_figures(relation) -%}
    {{ relation }}.movie_count,
    {{ relation }}.movies_with_budget,
    {{ relation }}.total_budget,
    {{ relation }}.movies_with_revenue,
    {{ relation }}.total_revenue,
    {{ relation }}.movies_with_financials,
    {{ relation }}.total_profit,
    {{ relation }}.movies_with_popularity,
    {{ relation }}.total_popularity
{%- endmacro %}

{#- The figures of a group summed over its movies' shares (and, in an hourly run, its held row).
    A sum over no known value is NULL, never 0 (after a delta a sum can be 0.00 with no movie
    behind it, so the count decides). -#}
{% macro summed_yearly_figures() -%}
    cast(sum(movie_count) as bigint) as movie_count,
    cast(sum(movies_with_budget) as bigint) as movies_with_budget,
    case when sum(movies_with_budget) > 0 then sum(total_budget) end as total_budget,
    cast(sum(movies_with_revenue) as bigint) as movies_with_revenue,
    case when sum(movies_with_revenue) > 0 then sum(total_revenue) end as total_revenue,
    cast(sum(movies_with_financials) as bigint) as movies_with_financials,
    case when sum(movies_with_financials) > 0 then sum(total_profit) end as total_profit,
    cast(sum(movies_with_popularity) as bigint) as movies_with_popularity,
    case when sum(movies_with_popularity) > 0 then sum(total_popularity) end as total_popularity
{%- endmacro %}

{#- The rows a touched movie had, before this run, in a per-movie bridge (`bridge_movie_company`,
    `bridge_movie_genre`), with its yearly figures from `fct_movie`: what the delta takes out.
    Read as the tables are before this run changes them (without ref(), which would make a
    cycle: the bridges and fct_movie name this model in a depends_on); empty in a full build
    and before the first build. -#}
{% macro rows_replaced_by_touched_movies(bridge_model, key_column) -%}
    {%- set is_hourly = var('load_mode', 'full') == 'hourly' -%}
    {%- set held_movies = existing_model_relation('fct_movie') if is_hourly else none -%}
    {%- set held_bridge = existing_model_relation(bridge_model) if is_hourly else none -%}
    {%- set touched_movies = ref('int_movie_versions_touched') -%}
    {%- if held_movies is not none and held_bridge is not none %}
    select
        held_bridge.movie_id,
        held_bridge.{{ key_column }},
        held_movies.release_year,
        held_movies.budget,
        held_movies.revenue,
        held_movies.profit,
        held_movies.popularity
    from {{ held_bridge }} as held_bridge
    inner join {{ held_movies }} as held_movies
        on held_bridge.movie_id = held_movies.movie_id
    where held_bridge.movie_id in (select movie_id from {{ touched_movies }})
    {%- else %}
    select
        cast(null as bigint) as movie_id,
        cast(null as bigint) as {{ key_column }},
        cast(null as integer) as release_year,
        cast(null as decimal(38, 2)) as budget,
        cast(null as decimal(38, 2)) as revenue,
        cast(null as decimal(38, 2)) as profit,
        cast(null as double) as popularity
    from {{ touched_movies }}
    where 1 = 0
    {%- endif %}
{%- endmacro %}

{#- Post-hook of a `touched_groups` model: in an hourly run, delete the groups the delta left
    with no movie (a movie moved to another year, company or genre, or lost its last version). -#}
{% macro delete_emptied_groups(count_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ count_column }} = 0
    {%- endif -%}
{%- endmacro %}
