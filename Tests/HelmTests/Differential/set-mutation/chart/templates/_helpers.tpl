{{- define "mut" -}}
{{- $_ := set . "fromInclude" true -}}
{{- end -}}
