{{
    select_columns_from(
        'genre_yearly_metrics',
        ['genre_id', 'genre_name', 'release_year', 'movie_count', 'movies_with_financials', 'total_profit'],
    )
}}
