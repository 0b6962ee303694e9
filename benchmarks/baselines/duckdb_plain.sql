-- The nine yearly answers from one raw movies_metadata.csv in plain DuckDB SQL, no dbt:
-- the engine's floor that the dbt build is compared with. Same rules as the warehouse
-- contract; docs/benchmarks.md says where the baselines differ from the dbt build.
--
-- Input: `set variable movies_csv = '/path/movies_metadata.csv';` before running.
-- Output: nine tables named after the marts; run_duckdb_plain.py copies them to Parquet.
--
-- Speed choices: only the seven columns the answers need are kept; the reader runs in
-- parallel and skips records whose field count is not 24 (ignore_errors), which is the
-- contract's wrong_field_count rejection; list cells are read with one regular expression
-- per column instead of a general Python-literal parser (their format is repr's).

create or replace temp table accepted_records as
select
    ordinality as record_number,
    try_cast(trim(id) as bigint) as movie_id,
    budget,
    revenue,
    popularity,
    release_date,
    genres,
    production_companies
from read_csv(
    getvariable('movies_csv'),
    header = true,
    auto_detect = false,
    delim = ',',
    quote = '"',
    escape = '"',
    ignore_errors = true,
    columns = {
        'adult': 'varchar', 'belongs_to_collection': 'varchar', 'budget': 'varchar',
        'genres': 'varchar', 'homepage': 'varchar', 'id': 'varchar', 'imdb_id': 'varchar',
        'original_language': 'varchar', 'original_title': 'varchar', 'overview': 'varchar',
        'popularity': 'varchar', 'poster_path': 'varchar', 'production_companies': 'varchar',
        'production_countries': 'varchar', 'release_date': 'varchar', 'revenue': 'varchar',
        'runtime': 'varchar', 'spoken_languages': 'varchar', 'status': 'varchar',
        'tagline': 'varchar', 'title': 'varchar', 'video': 'varchar',
        'vote_average': 'varchar', 'vote_count': 'varchar'
    }
) with ordinality
where regexp_full_match(id, '\s*[0-9]+\s*') and try_cast(trim(id) as bigint) > 0;

-- Last accepted record of each id wins.
create or replace temp table movies as
with

latest_records as (
    select * from accepted_records
    qualify row_number() over (partition by movie_id order by record_number desc) = 1
),

numbers_parsed as (
    select
        movie_id,
        record_number,
        genres,
        production_companies,
        try_cast(trim(budget) as double) as budget_number,
        try_cast(trim(revenue) as double) as revenue_number,
        try_cast(trim(popularity) as double) as popularity_number,
        case
            when regexp_full_match(trim(release_date), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
                then year(try_cast(trim(release_date) as date))::integer
        end as release_year
    from latest_records
)

select
    movie_id,
    record_number,
    genres,
    production_companies,
    release_year,
    case when isfinite(budget_number) and budget_number > 0 then budget_number::decimal(38, 2) end as budget,
    case when isfinite(revenue_number) and revenue_number > 0 then revenue_number::decimal(38, 2) end as revenue,
    case when isfinite(popularity_number) and popularity_number >= 0 then popularity_number end as popularity
from numbers_parsed;

-- One row per movie per listed genre / company (the first listing of a repeated id),
-- with the name as written: a quoted Python string, escapes undone.
create or replace temp table movie_genres as
with

cells as (
    select
        movie_id,
        record_number,
        regexp_extract_all(
            genres, '\{''id'': ([0-9]+), ''name'': (''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*")\}', 1
        ) as ids,
        regexp_extract_all(
            genres, '\{''id'': ([0-9]+), ''name'': (''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*")\}', 2
        ) as names
    from movies
    where genres like '%{%'
),

elements as (
    select
        movie_id,
        record_number,
        unnest(ids)::bigint as genre_id,
        unnest(names) as name_literal,
        generate_subscripts(ids, 1) as listed_position
    from cells
)

select
    movie_id,
    genre_id,
    any_value(record_number) as record_number,
    regexp_replace(arg_min(name_literal, listed_position)[2:-2], '\\(.)', '\1', 'g') as genre_name
from elements
group by movie_id, genre_id;

create or replace temp table movie_companies as
with

cells as (
    select
        movie_id,
        record_number,
        regexp_extract_all(
            production_companies,
            '\{''name'': (''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*"), ''id'': ([0-9]+)\}',
            2
        ) as ids,
        regexp_extract_all(
            production_companies,
            '\{''name'': (''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*"), ''id'': ([0-9]+)\}',
            1
        ) as names
    from movies
    where production_companies like '%{%'
),

elements as (
    select
        movie_id,
        record_number,
        unnest(ids)::bigint as company_id,
        unnest(names) as name_literal,
        generate_subscripts(ids, 1) as listed_position
    from cells
)

select
    movie_id,
    company_id,
    any_value(record_number) as record_number,
    regexp_replace(arg_min(name_literal, listed_position)[2:-2], '\\(.)', '\1', 'g') as company_name
from elements
group by movie_id, company_id;

-- Each id's name: the spelling seen on the most movies, ties to the most recent record.
create or replace temp table genres as
select genre_id, genre_name
from (
    select genre_id, genre_name, count(*) as movie_count, max(record_number) as latest_record_number
    from movie_genres
    group by genre_id, genre_name
)
qualify row_number() over (partition by genre_id order by movie_count desc, latest_record_number desc) = 1;

create or replace temp table companies as
select company_id, company_name
from (
    select company_id, company_name, count(*) as movie_count, max(record_number) as latest_record_number
    from movie_companies
    group by company_id, company_name
)
qualify row_number() over (partition by company_id order by movie_count desc, latest_record_number desc) = 1;

create or replace temp table genre_yearly_metrics as
select
    movie_genres.genre_id,
    genres.genre_name,
    movies.release_year,
    count(*) as movie_count,
    count(movies.budget) as movies_with_budget,
    sum(movies.budget) as total_budget,
    count(movies.revenue) as movies_with_revenue,
    sum(movies.revenue) as total_revenue,
    count(movies.revenue - movies.budget) as movies_with_financials,
    sum(movies.revenue - movies.budget) as total_profit,
    count(movies.popularity) as movies_with_popularity,
    avg(movies.popularity) as avg_popularity
from movie_genres
inner join movies on movie_genres.movie_id = movies.movie_id
inner join genres on movie_genres.genre_id = genres.genre_id
where movies.release_year is not null
group by movie_genres.genre_id, genres.genre_name, movies.release_year;

create or replace temp table company_yearly_metrics as
select
    movie_companies.company_id,
    companies.company_name,
    movies.release_year,
    count(*) as movie_count,
    count(movies.budget) as movies_with_budget,
    sum(movies.budget) as total_budget,
    count(movies.revenue) as movies_with_revenue,
    sum(movies.revenue) as total_revenue,
    count(movies.revenue - movies.budget) as movies_with_financials,
    sum(movies.revenue - movies.budget) as total_profit,
    count(movies.popularity) as movies_with_popularity,
    avg(movies.popularity) as avg_popularity
from movie_companies
inner join movies on movie_companies.movie_id = movies.movie_id
inner join companies on movie_companies.company_id = companies.company_id
where movies.release_year is not null
group by movie_companies.company_id, companies.company_name, movies.release_year;

-- The nine answers.
create or replace temp table company_budget_by_year as
select company_id, company_name, release_year, movie_count, movies_with_budget, total_budget
from company_yearly_metrics;

create or replace temp table company_revenue_by_year as
select company_id, company_name, release_year, movie_count, movies_with_revenue, total_revenue
from company_yearly_metrics;

create or replace temp table company_profit_by_year as
select company_id, company_name, release_year, movie_count, movies_with_financials, total_profit
from company_yearly_metrics;

create or replace temp table company_popularity_by_year as
select company_id, company_name, release_year, movie_count, movies_with_popularity, avg_popularity
from company_yearly_metrics;

create or replace temp table company_releases_by_genre_by_year as
select
    movie_companies.company_id,
    companies.company_name,
    movie_genres.genre_id,
    genres.genre_name,
    movies.release_year,
    count(*) as release_count
from movie_companies
inner join movie_genres on movie_companies.movie_id = movie_genres.movie_id
inner join movies on movie_companies.movie_id = movies.movie_id
inner join companies on movie_companies.company_id = companies.company_id
inner join genres on movie_genres.genre_id = genres.genre_id
where movies.release_year is not null
group by all;

create or replace temp table genre_budget_by_year as
select genre_id, genre_name, release_year, movie_count, movies_with_budget, total_budget
from genre_yearly_metrics;

create or replace temp table genre_revenue_by_year as
select genre_id, genre_name, release_year, movie_count, movies_with_revenue, total_revenue
from genre_yearly_metrics;

create or replace temp table genre_profit_by_year as
select genre_id, genre_name, release_year, movie_count, movies_with_financials, total_profit
from genre_yearly_metrics;

create or replace temp table genre_most_popular_by_year as
select
    release_year,
    genre_id,
    genre_name,
    movie_count,
    movies_with_popularity,
    avg_popularity,
    count(*) over (partition by release_year) as contender_count
from genre_yearly_metrics
where avg_popularity is not null and movie_count >= getvariable('most_popular_genre_min_movies')
qualify row_number() over (
    partition by release_year order by avg_popularity desc, movie_count desc, genre_name asc
) = 1;
