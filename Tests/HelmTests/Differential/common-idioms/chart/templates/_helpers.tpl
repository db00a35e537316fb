{{- define "c.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- define "c.tplvalues.render" -}}
{{- $value := typeIs "string" .value | ternary .value (.value | toYaml) }}
{{- if contains "{{" (toJson .value) }}
  {{- if .scope }}
      {{- tpl (cat "{{- with $.RelativeScope -}}" $value "{{- end }}") (merge (dict "RelativeScope" .scope) .context) }}
  {{- else }}
    {{- tpl $value .context }}
  {{- end }}
{{- else }}
    {{- $value }}
{{- end }}
{{- end -}}
{{- define "c.image" -}}
{{- $registry := .imageRoot.registry -}}
{{- $repository := .imageRoot.repository -}}
{{- $separator := ":" -}}
{{- $termination := .imageRoot.tag | toString -}}
{{- if .global }}{{- if .global.imageRegistry }}{{- $registry = .global.imageRegistry -}}{{- end -}}{{- end -}}
{{- if .imageRoot.digest }}{{- $separator = "@" -}}{{- $termination = .imageRoot.digest | toString -}}{{- end -}}
{{- if $registry }}{{- printf "%s/%s%s%s" $registry $repository $separator $termination -}}
{{- else -}}{{- printf "%s%s%s" $repository $separator $termination -}}{{- end -}}
{{- end -}}
{{- define "c.labels" -}}
{{- $default := dict "app.kubernetes.io/name" .Chart.Name "helm.sh/chart" (printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_") "app.kubernetes.io/instance" .Release.Name "app.kubernetes.io/managed-by" .Release.Service -}}
{{- with .Chart.AppVersion -}}{{- $_ := set $default "app.kubernetes.io/version" . -}}{{- end -}}
{{ template "c.tplvalues.render" (dict "value" (merge (deepCopy .Values.commonLabels) $default) "context" .) }}
{{- end -}}
{{- define "c.capabilities.ingress" -}}
{{- if semverCompare "<1.19-0" .Capabilities.KubeVersion.Version -}}networking.k8s.io/v1beta1{{- else -}}networking.k8s.io/v1{{- end -}}
{{- end -}}
