# Atr: build with the .NET SDK, run on the ASP.NET runtime as a non-root user.
#   docker build -t atr .
#   docker run -p 8080:8080 -v atr-state:/var/lib/atr atr
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Atr.sln ./
COPY Atr.Domain/Atr.Domain.csproj Atr.Domain/
COPY Atr.App/Atr.App.csproj Atr.App/
RUN dotnet restore Atr.App/Atr.App.csproj
COPY Atr.Domain/ Atr.Domain/
COPY Atr.App/ Atr.App/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet publish Atr.App/Atr.App.csproj --configuration Release --no-restore --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/atr \
    && chown app:app /var/lib/atr
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Atr__StateDirectory=/var/lib/atr
USER app
VOLUME /var/lib/atr
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl --fail --silent http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "Atr.App.dll"]
