{{
    select_columns_from(
        'genre_yearly_metrics',
        ['genre_id', 'genre_name', 'release_year', 'movie_count', 'movies_with_budget', 'total_budget',
         to_constant_dollars('total_budget', 'release_year') ~ ' as total_budget_real'],
    )
}}
