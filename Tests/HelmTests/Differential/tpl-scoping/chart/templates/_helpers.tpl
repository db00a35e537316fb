{{- define "greet" }}hello {{ . }}{{ end -}}
