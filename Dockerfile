# The agent's container image, for `gitops install --image <your registry>/gitops:<tag>`.
# Not built on the development machine (it has no Docker engine); build and push it with
#   docker build -t <registry>/gitops:0.1.0 . && docker push <registry>/gitops:0.1.0
FROM swift:6.3-bookworm AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      libgit2-dev libcurl4-openssl-dev libyaml-dev libssl-dev libsqlite3-dev zlib1g-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY scripts ./scripts
# Static Swift runtime and Foundation, packed relocations, code laid out by scripts/release/
# gitops.order: see scripts/build-release (the benchmarks measure the binary it builds).
RUN install -D "$(scripts/build-release)" /out/gitops

FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      libgit2-1.5 libcurl4 libyaml-0-2 libssl3 libsqlite3-0 zlib1g ca-certificates openssh-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 1337 --user-group --home-dir /var/lib/gitops --create-home gitops
COPY --from=build /out/gitops /usr/local/bin/gitops
USER 1337:1337
ENTRYPOINT ["/usr/local/bin/gitops"]
CMD ["run", "--in-cluster", "--leader-elect"]
