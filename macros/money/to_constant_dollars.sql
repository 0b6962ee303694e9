{# Restate a nominal US-dollar amount of a given year in dollars of the latest year in the us_cpi_by_year seed (NULL when the seed has no index for that year). #}
{% macro to_constant_dollars(amount, year) -%}
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
