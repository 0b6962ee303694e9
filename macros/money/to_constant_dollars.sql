{# Restate a nominal US-dollar amount of a given year in dollars of the latest year in the
    us_cpi_by_year seed (NULL when the seed has no index for that year). #}
{% macro to_constant_dollars(amount, year) -%}
    {{ return(adapter.dispatch('to_constant_dollars', 'movies')(amount, year)) }}
{%- endmacro %}

{% macro default__to_constant_dollars(amount, year) -%}
    cast(round(
        cast({{ amount }} as double)
        * (
            select latest_index.cpi_u_annual_average
            from {{ ref('us_cpi_by_year') }} as latest_index
            order by latest_index.year desc
            limit 1
        )
        / (
            select year_index.cpi_u_annual_average
            from {{ ref('us_cpi_by_year') }} as year_index
            where year_index.year = {{ year }}
        ),
        2
    ) as decimal(38, 2))
{%- endmacro %}

{# Spark: the same figures to the cent. The seed is read by uncorrelated subqueries (the
   latest index, and a map from year to index): Spark's optimizer fails on the correlated
   lookup when the seed is a unit-test fixture (a union of rows); a year twice in the seed
   fails the query, as on DuckDB. The double is rounded to cents as DuckDB rounds it. #}
{% macro spark__to_constant_dollars(amount, year) -%}
    {%- set restated -%}
        cast({{ amount }} as double)
        * (
            select max_by(latest_index.cpi_u_annual_average, latest_index.year)
            from {{ ref('us_cpi_by_year') }} as latest_index
        )
        / try_element_at(
            (
                select map_from_entries(
                    collect_list(struct(year_index.year, year_index.cpi_u_annual_average))
                )
                from {{ ref('us_cpi_by_year') }} as year_index
            ),
            {{ year }}
        )
    {%- endset -%}
    {{ round_to_cents_as_duckdb(restated) }}
{%- endmacro %}
