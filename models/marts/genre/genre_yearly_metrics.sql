{{ yearly_metrics('bridge_movie_genre', 'dim_genre', 'genre_id', 'genre_name') }}
