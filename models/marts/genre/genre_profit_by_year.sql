{{
    select_columns_from(
        'genre_yearly_metrics',
        ['genre_id', 'genre_name', 'release_year', 'movie_count', 'movies_with_financials', 'total_profit',
         to_constant_dollars('total_profit', 'release_year') ~ ' as total_profit_real'],
    )
}}
