-- The nine yearly answers from one raw movies_metadata.csv in plain DuckDB SQL, no dbt:
-- the engine's floor that the dbt build is compared with. Same rules as the warehouse
-- contract (docs/modeling.md); docs/benchmarks.md says where the baselines differ from
-- the dbt build.
--
-- Input: `set variable movies_csv = '/path/movies_metadata.csv';` (a path, a glob or a list
-- of paths; a later file's record is the later state) and
-- `set variable most_popular_genre_min_movies = 1;` before running.
-- Output: nine views named after the marts; run_duckdb_plain.py copies them to Parquet.
-- The part after "The answers, from `movies` alone" reads nothing else, so an hourly
-- update can replace the movies of a drop in a stored `movies` and run that part alone.
--
-- Speed choices:
-- - one parallel CSV read keeping the eight columns the answers need; records whose
--   field count is not 24 are skipped by the reader (ignore_errors), which is the
--   contract's wrong_field_count rejection; the latest record of an id is picked by a
--   window over the read, before any cell is parsed;
-- - one table, `movies`: the latest accepted record of each id with its numbers typed and
--   its two list cells parsed; everything after it reads that table, and the nine
--   answers are views over two small yearly tables;
-- - a list cell is parsed once however many movies share it (a genre cell is one of a few
--   hundred combinations); a cell in repr's plain form (nearly all) natively, by a quote
--   swap and from_json with a struct schema; the others (names with an apostrophe or an
--   escape, a broken cell like movie 10663's GATORADE) by regular expressions;
-- - a repeated id in one list is dropped inside the list (its first listing is kept), and
--   the yearly figures are grouped by id before the names are joined on, so no large join
--   or group by carries text; company by genre pairs are unnested from each movie's two
--   lists, not joined;
-- - preserve_insertion_order off: no answer depends on the order rows are produced in.
--
-- Where this differs from the floor before it (whose answers it gives on the sample and
-- on generated files): amounts are read as decimals and bounded (0.01 to 10^18),
-- popularity bounded (0 to 10^6) and dates bounded (1874 to 2100), a name tie goes to
-- the first name in alphabetical order and the most popular genre is ranked on its
-- average to 6 decimals, as docs/modeling.md and the dbt build have them.

set preserve_insertion_order = false;

-- A list cell as a list of {id, name} in listed order, names as written (a quoted Python
-- string, its escapes undone). plain_*: a cell in repr's plain form, every element
-- `{'id': N, 'name': '...'}` with no quote or backslash in a name, parsed natively (a
-- quote swap and from_json with a struct schema, exact for that form); NULL for any other
-- cell. tokenised_*: any cell, by regular expressions that read every repr spelling of an
-- element and skip what is not one (movie 10663's GATORADE). The plain form admits exactly
-- the elements the tokeniser reads, so both give the same list where both apply.
create or replace temp macro plain_genre_list(cell) as (
    case
        when regexp_full_match(
            cell,
            '\[(\{''id'': [0-9]{1,18}, ''name'': ''[^''"\\]*''\}(, \{''id'': [0-9]{1,18}, ''name'': ''[^''"\\]*''\})*)?\]'
        )
            then from_json(replace(cell, '''', '"'), '[{"id": "BIGINT", "name": "VARCHAR"}]')
    end
);

create or replace temp macro tokenised_genre_list(cell) as (
    list_transform(
        list_zip(
            regexp_extract_all(cell, '\{''id'': ([0-9]+), ''name'': (''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*")\}', 1),
            regexp_extract_all(cell, '\{''id'': ([0-9]+), ''name'': (''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*")\}', 2)
        ),
        lambda element: {'id': element[1]::bigint, 'name': regexp_replace(element[2][2:-2], '\\(.)', '\1', 'g')}
    )
);

create or replace temp macro genre_list(cell) as (
    coalesce(plain_genre_list(cell), tokenised_genre_list(cell))
);

create or replace temp macro plain_company_list(cell) as (
    case
        when regexp_full_match(
            cell,
            '\[(\{''name'': ''[^''"\\]*'', ''id'': [0-9]{1,18}\}(, \{''name'': ''[^''"\\]*'', ''id'': [0-9]{1,18}\})*)?\]'
        )
            then from_json(replace(cell, '''', '"'), '[{"id": "BIGINT", "name": "VARCHAR"}]')
    end
);

create or replace temp macro tokenised_company_list(cell) as (
    list_transform(
        list_zip(
            regexp_extract_all(cell, '\{''name'': (''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*"), ''id'': ([0-9]+)\}', 2),
            regexp_extract_all(cell, '\{''name'': (''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*"), ''id'': ([0-9]+)\}', 1)
        ),
        lambda element: {'id': element[1]::bigint, 'name': regexp_replace(element[2][2:-2], '\\(.)', '\1', 'g')}
    )
);

create or replace temp macro company_list(cell) as (
    coalesce(plain_company_list(cell), tokenised_company_list(cell))
);

-- The first listing of an id listed twice in one cell (pass a column: a macro's argument
-- is evaluated where it is used, here once per element).
create or replace temp macro first_listings(elements) as (
    list_filter(
        elements,
        lambda element, position: list_position(list_transform(elements, lambda e: e.id), element.id) = position
    )
);

create or replace temp table movies as
with

records as (
    select
        ordinality as record_number,
        id,
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
    where regexp_full_match(id, '\s*[0-9]+\s*')
),

-- Last accepted record of each id wins.
latest_records as (
    select
        try_cast(trim(id) as bigint) as movie_id,
        budget,
        revenue,
        popularity,
        release_date,
        genres,
        production_companies
    from records
    where try_cast(trim(id) as bigint) > 0
    qualify row_number() over (partition by movie_id order by record_number desc) = 1
),

numbers_parsed as materialized (
    select
        movie_id,
        genres,
        production_companies,
        -- A decimal number from 0.01 to 10^18, read as a decimal: exact to the cent.
        case
            when
                regexp_full_match(trim(budget), '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?')
                and try_cast(trim(budget) as decimal(38, 2)) between 0.01 and 1000000000000000000
                then try_cast(trim(budget) as decimal(38, 2))
        end as budget,
        case
            when
                regexp_full_match(trim(revenue), '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?')
                and try_cast(trim(revenue) as decimal(38, 2)) between 0.01 and 1000000000000000000
                then try_cast(trim(revenue) as decimal(38, 2))
        end as revenue,
        case
            when
                isfinite(try_cast(trim(popularity) as double))
                and try_cast(trim(popularity) as double) between 0 and 1000000
                then try_cast(trim(popularity) as double)
        end as popularity,
        case
            when
                regexp_full_match(trim(release_date), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
                and try_cast(trim(release_date) as date) between date '1874-01-01' and date '2100-12-31'
                then year(try_cast(trim(release_date) as date))::integer
        end as release_year
    from latest_records
),

-- A cell is parsed once however many movies share it (a genre cell is one of a few
-- hundred combinations).
genre_lists as (
    select genres, first_listings(genre_list) as genre_list
    from (
        select genres, genre_list(genres) as genre_list
        from (select distinct genres from numbers_parsed where genres like '%{%')
    )
),

company_lists as (
    select production_companies, first_listings(company_list) as company_list
    from (
        select production_companies, company_list(production_companies) as company_list
        from (select distinct production_companies from numbers_parsed where production_companies like '%{%')
    )
)

select
    numbers_parsed.movie_id,
    numbers_parsed.budget,
    numbers_parsed.revenue,
    numbers_parsed.popularity,
    numbers_parsed.release_year,
    coalesce(genre_lists.genre_list, []) as genre_list,
    coalesce(company_lists.company_list, []) as company_list
from numbers_parsed
left join genre_lists on numbers_parsed.genres = genre_lists.genres
left join company_lists on numbers_parsed.production_companies = company_lists.production_companies;

-- The answers, from `movies` alone (run_duckdb_plain.py --state splits the script here).

-- Each id's name: the spelling on the most movies, ties to the first in alphabetical order.
create or replace temp table genres as
select genre.id as genre_id, genre.name as genre_name
from (select unnest(genre_list) as genre from movies)
group by genre.id, genre.name
qualify row_number() over (partition by genre.id order by count(*) desc, genre.name asc) = 1;

create or replace temp table companies as
select company.id as company_id, company.name as company_name
from (select unnest(company_list) as company from movies)
group by company.id, company.name
qualify row_number() over (partition by company.id order by count(*) desc, company.name asc) = 1;

create or replace temp table genre_yearly_metrics as
with

figures as (
    select
        genre.id as genre_id,
        release_year,
        count(*) as movie_count,
        count(budget) as movies_with_budget,
        sum(budget) as total_budget,
        count(revenue) as movies_with_revenue,
        sum(revenue) as total_revenue,
        count(revenue - budget) as movies_with_financials,
        sum(revenue - budget) as total_profit,
        count(popularity) as movies_with_popularity,
        avg(popularity) as avg_popularity
    from (
        select unnest(genre_list) as genre, release_year, budget, revenue, popularity
        from movies
        where release_year is not null
    )
    group by genre.id, release_year
)

select figures.genre_id, genres.genre_name, figures.* exclude (genre_id)
from figures
inner join genres on figures.genre_id = genres.genre_id;

create or replace temp table company_yearly_metrics as
with

figures as (
    select
        company.id as company_id,
        release_year,
        count(*) as movie_count,
        count(budget) as movies_with_budget,
        sum(budget) as total_budget,
        count(revenue) as movies_with_revenue,
        sum(revenue) as total_revenue,
        count(revenue - budget) as movies_with_financials,
        sum(revenue - budget) as total_profit,
        count(popularity) as movies_with_popularity,
        avg(popularity) as avg_popularity
    from (
        select unnest(company_list) as company, release_year, budget, revenue, popularity
        from movies
        where release_year is not null
    )
    group by company.id, release_year
)

select figures.company_id, companies.company_name, figures.* exclude (company_id)
from figures
inner join companies on figures.company_id = companies.company_id;

-- The nine answers.
create or replace temp view company_budget_by_year as
select company_id, company_name, release_year, movie_count, movies_with_budget, total_budget
from company_yearly_metrics;

create or replace temp view company_revenue_by_year as
select company_id, company_name, release_year, movie_count, movies_with_revenue, total_revenue
from company_yearly_metrics;

create or replace temp view company_profit_by_year as
select company_id, company_name, release_year, movie_count, movies_with_financials, total_profit
from company_yearly_metrics;

create or replace temp view company_popularity_by_year as
select company_id, company_name, release_year, movie_count, movies_with_popularity, avg_popularity
from company_yearly_metrics;

create or replace temp view company_releases_by_genre_by_year as
with

pairs as (
    select company_id, unnest(genre_list).id as genre_id, release_year
    from (
        select unnest(company_list).id as company_id, release_year, genre_list
        from movies
        where release_year is not null and len(company_list) > 0 and len(genre_list) > 0
    )
),

pair_counts as (
    select company_id, genre_id, release_year, count(*) as release_count
    from pairs
    group by company_id, genre_id, release_year
)

select
    pairs.company_id,
    companies.company_name,
    pairs.genre_id,
    genres.genre_name,
    pairs.release_year,
    pairs.release_count
from pair_counts as pairs
inner join companies on pairs.company_id = companies.company_id
inner join genres on pairs.genre_id = genres.genre_id;

create or replace temp view genre_budget_by_year as
select genre_id, genre_name, release_year, movie_count, movies_with_budget, total_budget
from genre_yearly_metrics;

create or replace temp view genre_revenue_by_year as
select genre_id, genre_name, release_year, movie_count, movies_with_revenue, total_revenue
from genre_yearly_metrics;

create or replace temp view genre_profit_by_year as
select genre_id, genre_name, release_year, movie_count, movies_with_financials, total_profit
from genre_yearly_metrics;

create or replace temp view genre_most_popular_by_year as
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
    partition by release_year order by round(avg_popularity, 6) desc, movie_count desc, genre_name asc
) = 1;
