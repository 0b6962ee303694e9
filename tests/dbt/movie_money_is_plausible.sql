-- Warns (never blocks a publish) when a movie of the core fact has a budget or revenue
-- that cannot be real: the rule and its thresholds are those of the audit model
-- movie_money_issues (docs/modeling.md), which the report also reads to mark the points
-- these amounts feed. Returns one row per implausible amount.
{{ config(severity='warn') }}

with

movies as (

    select * from {{ ref('fct_movie') }}

),

money_issues as (

    select * from {{ ref('movie_money_issues') }}

)

select
    movies.movie_id,
    movies.title,
    movies.release_year,
    money_issues.column_name,
    money_issues.amount,
    money_issues.issue
from movies
inner join money_issues
    on movies.movie_id = money_issues.movie_id
