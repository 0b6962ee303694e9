{{
    select_columns_from(
        'company_yearly_metrics',
        ['company_id', 'company_name', 'release_year', 'movie_count', 'movies_with_revenue', 'total_revenue',
         to_constant_dollars('total_revenue', 'release_year') ~ ' as total_revenue_real'],
    )
}}
