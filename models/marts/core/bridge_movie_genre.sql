{{ movie_bridge('genres', 'genre_id', 'genre_name', 'bigint') }}
