{{- define "h.block" }}overridden-block{{ end -}}
