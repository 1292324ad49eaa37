"""API Gateway data plane: route -> authorize -> integrate (VTL) for deployed REST APIs."""
