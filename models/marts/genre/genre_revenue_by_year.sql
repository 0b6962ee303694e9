{{
    select_columns_from(
        'genre_yearly_metrics',
        ['genre_id', 'genre_name', 'release_year', 'movie_count', 'movies_with_revenue', 'total_revenue',
         to_constant_dollars('total_revenue', 'release_year') ~ ' as total_revenue_real'],
    )
}}
